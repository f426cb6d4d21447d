/**
 * The bounded buffer pool, for direct use: {@code requires dev.bufpool.bounded;} then
 * {@code BoundedBufferPool.builder(BufferTypes.DIRECT_BYTE_BUFFER).maxBuffers(30)
 * .bufferCapacity(8 << 20).maxWait(Duration.ofMillis(50)).build()}.
 *
 * <p>No method of this package accepts {@code null}; {@code tryAcquire} returns {@code null} when
 * it gets nothing, as {@link dev.bufpool.BufferPool} says.
 */
package dev.bufpool.bounded;
