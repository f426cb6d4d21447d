/**
 * The sharded buffer pool, for direct use: {@code requires dev.bufpool.sharded;} then
 * {@code ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY)...build()}.
 *
 * <p>No method of this package accepts or returns {@code null}.
 */
package dev.bufpool.sharded;
