/**
 * The bounded buffer pool: use {@link dev.bufpool.bounded.BoundedBufferPool} directly, or get it
 * through {@link dev.bufpool.BufferPools} as provider {@code "bounded"}.
 */
module dev.bufpool.bounded {
    requires transitive dev.bufpool.api;
    requires dev.bufpool.core;
    requires org.slf4j;

    exports dev.bufpool.bounded;

    provides dev.bufpool.spi.BufferPoolProvider with dev.bufpool.bounded.internal.BoundedPoolProvider;
}
