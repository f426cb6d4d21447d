package dev.bufpool.moduletests.redeploy;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolSpec;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The README's example: a web application's pools, created when it starts and closed when it stops.
 * Closing them at undeploy is what lets the container collect the application's class loader: it
 * unregisters each pool's MBean and cancels its idle trimming.
 */
@WebListener
public final class BufferPoolsListener implements ServletContextListener {

    /** The servlet context attribute that holds the {@code byte[]} pool. */
    public static final String BYTES = "bufpool.bytes";
    /** The servlet context attribute that holds the direct {@code ByteBuffer} pool. */
    public static final String DIRECT = "bufpool.direct";

    private BufferPool<byte[]> bytes;
    private BufferPool<ByteBuffer> direct;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String app = context.getContextPath().isEmpty() ? "ROOT" : context.getContextPath().substring(1);
        bytes = BufferPools.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY)
                .name(app + ".bytes")
                .idleTimeout(Duration.ofSeconds(30))
                .maxIdleBytes(16 << 20)
                .decorate("stats") // one MBean per pool: dev.bufpool:type=BufferPool,name=...
                .build());
        direct = BufferPools.create(PoolSpec.builder(BufferTypes.DIRECT_BYTE_BUFFER)
                .name(app + ".direct")
                .idleTimeout(Duration.ofSeconds(30))
                .maxIdleBytes(64 << 20)
                .decorate("stats")
                .build());
        context.setAttribute(BYTES, bytes);
        context.setAttribute(DIRECT, direct);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.removeAttribute(BYTES);
        context.removeAttribute(DIRECT);
        try {
            bytes.close();
        } finally {
            direct.close();
        }
    }
}
