/**
 * The size-class buffer pool: use {@link dev.bufpool.sizeclass.SizeClassBufferPool} directly, or
 * get it through {@link dev.bufpool.BufferPools} as provider {@code "sizeclass"}.
 */
module dev.bufpool.sizeclass {
    requires transitive dev.bufpool.api;
    requires dev.bufpool.core;
    requires dev.bufpool.idle;
    requires org.slf4j;

    exports dev.bufpool.sizeclass;

    provides dev.bufpool.spi.BufferPoolProvider with dev.bufpool.sizeclass.internal.SizeClassPoolProvider;
}
