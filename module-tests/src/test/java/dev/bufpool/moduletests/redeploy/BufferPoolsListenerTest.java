package dev.bufpool.moduletests.redeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The README's {@link BufferPoolsListener}, driven as a container drives it: the pools exist and
 * have their MBeans between {@code contextInitialized} and {@code contextDestroyed}, and are closed
 * with their MBeans gone after. The servlet context is a {@link Proxy} over a map of attributes.
 */
class BufferPoolsListenerTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @Test
    void thePoolsLiveFromContextInitializedToContextDestroyedAndTheirMBeansWithThem() throws Exception {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        ServletContextEvent event = new ServletContextEvent(context("/shop", attributes));
        BufferPoolsListener listener = new BufferPoolsListener();
        List<ObjectName> beans = List.of(new ObjectName("dev.bufpool:type=BufferPool,name=shop.bytes"),
                new ObjectName("dev.bufpool:type=BufferPool,name=shop.direct"));

        listener.contextInitialized(event);
        BufferPool<?> bytes = (BufferPool<?>) attributes.get(BufferPoolsListener.BYTES);
        BufferPool<?> direct = (BufferPool<?>) attributes.get(BufferPoolsListener.DIRECT);
        try (Lease<?> lease = bytes.acquire(1024); Lease<?> other = direct.acquire(1024)) {
            assertEquals(List.of(true, true), List.of(lease.buffer() != null, other.buffer() != null));
        }
        beans.forEach(name -> assertTrue(SERVER.isRegistered(name), () -> name + " is not registered"));

        listener.contextDestroyed(event);

        assertThrows(IllegalStateException.class, () -> bytes.acquire(1024), "bytes pool still open");
        assertThrows(IllegalStateException.class, () -> direct.acquire(1024), "direct pool still open");
        beans.forEach(name -> assertFalse(SERVER.isRegistered(name), () -> name + " is still registered"));
        assertNull(attributes.get(BufferPoolsListener.BYTES));
        assertNull(attributes.get(BufferPoolsListener.DIRECT));
    }

    @Test
    void theRootApplicationsPoolsAreNamedAfterRoot() throws Exception {
        ServletContextEvent event = new ServletContextEvent(context("", new ConcurrentHashMap<>()));
        BufferPoolsListener listener = new BufferPoolsListener();
        ObjectName bean = new ObjectName("dev.bufpool:type=BufferPool,name=ROOT.bytes");
        listener.contextInitialized(event);
        try {
            assertTrue(SERVER.isRegistered(bean), () -> bean + " is not registered");
        } finally {
            listener.contextDestroyed(event);
        }
        assertFalse(SERVER.isRegistered(bean), () -> bean + " is still registered");
    }

    /** A servlet context that knows its path and keeps attributes; anything else is not needed here. */
    private static ServletContext context(String path, Map<String, Object> attributes) {
        return (ServletContext) Proxy.newProxyInstance(BufferPoolsListenerTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getContextPath":
                            return path;
                        case "getAttribute":
                            return attributes.get((String) args[0]);
                        case "setAttribute":
                            attributes.put((String) args[0], args[1]);
                            return null;
                        case "removeAttribute":
                            attributes.remove((String) args[0]);
                            return null;
                        case "toString":
                            return "servlet context " + path;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
