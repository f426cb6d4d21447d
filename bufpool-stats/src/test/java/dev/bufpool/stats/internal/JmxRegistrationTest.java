package dev.bufpool.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.bufpool.stats.RecordingLogger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class JmxRegistrationTest {

    private final MBeanServer server = mock(MBeanServer.class);
    private final RecordingLogger log = new RecordingLogger();

    @Test
    void plainNamesStayAsTheyAreAndOthersAreQuoted() throws JMException {
        assertEquals("dev.bufpool:type=BufferPool,name=bytes",
                JmxRegistration.objectName(null, "bytes").toString());
        assertEquals("dev.bufpool:type=BufferPool,application=shop,name=audio in 2",
                JmxRegistration.objectName("shop", "audio in 2").toString());
        for (String raw : new String[] {"a,b", "a=b", "a:b", "a\"b", "a*", "a?", "a\nb", "a\\b", ""}) {
            assertEquals(ObjectName.quote(raw), JmxRegistration.value(raw), raw);
        }
    }

    @Test
    void aServerThatRefusesTheBeanLeavesThePoolWithoutJmxAndAWarning() throws JMException {
        when(server.registerMBean(any(), any())).thenThrow(new NotCompliantMBeanException("no"));

        assertNull(JmxRegistration.register(server, null, "refused", new Object(), log));
        assertEquals(1, log.at(Level.WARN).size());
    }

    @Test
    void whenEveryNameIsTakenThePoolRunsWithoutJmx() throws JMException {
        when(server.registerMBean(any(), any())).thenThrow(new InstanceAlreadyExistsException());

        assertNull(JmxRegistration.register(server, null, "crowded", new Object(), log));
        verify(server, times(JmxRegistration.MAX_SUFFIX)).registerMBean(any(), any());
        assertTrue(log.messages(Level.WARN).get(0).contains("#" + JmxRegistration.MAX_SUFFIX));
    }

    @Test
    void unregisteringABeanAlreadyGoneNeverThrows() throws JMException {
        JmxRegistration registration = JmxRegistration.register(server, null, "gone", new Object(), log);
        org.mockito.Mockito.doThrow(new InstanceNotFoundException()).when(server).unregisterMBean(any());

        registration.unregister();
        verify(server).unregisterMBean(registration.name());
        assertTrue(log.at(Level.WARN).isEmpty());
    }
}
