/**
 * The sharded buffer pool: use {@link dev.bufpool.sharded.ShardedBufferPool} directly, or get it
 * through {@link dev.bufpool.BufferPools} as provider {@code "sharded"}.
 */
module dev.bufpool.sharded {
    requires transitive dev.bufpool.api;
    requires dev.bufpool.core;
    requires dev.bufpool.idle;
    requires org.slf4j;

    exports dev.bufpool.sharded;

    provides dev.bufpool.spi.BufferPoolProvider with dev.bufpool.sharded.internal.ShardedPoolProvider;
}
