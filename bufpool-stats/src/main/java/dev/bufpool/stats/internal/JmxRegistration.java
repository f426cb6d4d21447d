package dev.bufpool.stats.internal;

import dev.bufpool.stats.StatsBufferPool;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * The MXBean of one pool in an MBean server. Registration never fails the pool: a name already
 * taken gets the next free suffix {@code #2}, {@code #3}, ...; any other refusal is logged at WARN
 * and the pool runs without JMX.
 */
public final class JmxRegistration {

    /** The domain of every bufpool MBean. */
    static final String DOMAIN = "dev.bufpool";
    /** The most suffixes tried before giving up on a name. */
    static final int MAX_SUFFIX = 1000;
    /** Characters an unquoted {@link ObjectName} value cannot hold. */
    private static final String SPECIAL = ",=:\"*?\n\\";

    private final MBeanServer server;
    private final ObjectName name;
    private final Logger log;

    private JmxRegistration(MBeanServer server, ObjectName name, Logger log) {
        this.server = server;
        this.name = name;
        this.log = log;
    }

    /**
     * Registers the MXBean of {@code pool} with the platform MBean server.
     *
     * @param pool the pool to show
     * @param log where refusals are reported
     * @return the registration, or {@code null} if the bean could not be registered
     */
    public static JmxRegistration register(StatsBufferPool<?> pool, Logger log) {
        MBeanServer server;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
        } catch (RuntimeException | Error e) {
            log.warn("pool {}: no platform MBean server, running without JMX", pool.name(), e);
            return null;
        }
        return register(server, pool.applicationKey().orElse(null), pool.name(), new PoolStatsBean(pool), log);
    }

    static JmxRegistration register(MBeanServer server, String application, String poolName, Object bean,
            Logger log) {
        ObjectName name = null;
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            try {
                name = objectName(application, n == 1 ? poolName : poolName + "#" + n);
                server.registerMBean(bean, name);
                return new JmxRegistration(server, name, log);
            } catch (InstanceAlreadyExistsException taken) {
                // Another pool of that name: try the next suffix.
            } catch (JMException | RuntimeException e) {
                log.warn("pool {}: could not register MXBean {}, running without JMX", poolName, name, e);
                return null;
            }
        }
        log.warn("pool {}: could not register its MXBean: {} and its suffixes up to #{} are all taken",
                poolName, name, MAX_SUFFIX);
        return null;
    }

    /** {@code dev.bufpool:type=BufferPool[,application=<key>],name=<name>}, values quoted if need be. */
    static ObjectName objectName(String application, String poolName) throws JMException {
        Objects.requireNonNull(poolName, "poolName");
        String app = application == null ? "" : ",application=" + value(application);
        return new ObjectName(DOMAIN + ":type=BufferPool" + app + ",name=" + value(poolName));
    }

    static String value(String raw) {
        boolean plain = !raw.isEmpty() && raw.chars().noneMatch(c -> SPECIAL.indexOf(c) >= 0);
        return plain ? raw : ObjectName.quote(raw);
    }

    /** {@return the name the bean is registered under} */
    public ObjectName name() {
        return name;
    }

    /** Unregisters the bean; if that fails, logs it, never throws. */
    public void unregister() {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException gone) {
            log.debug("MXBean {} was already unregistered", name);
        } catch (JMException | RuntimeException e) {
            log.warn("could not unregister MXBean {}", name, e);
        }
    }
}
