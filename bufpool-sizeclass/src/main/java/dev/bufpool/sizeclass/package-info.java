/**
 * The size-class buffer pool, for direct use: {@code requires dev.bufpool.sizeclass;} then
 * {@code SizeClassBufferPool.builder(BufferTypes.BYTE_ARRAY)...build()}.
 *
 * <p>Sizes and capacities are counted in elements of the buffer type: bytes for {@code byte[]}
 * and {@link java.nio.ByteBuffer}, floats for {@code float[]}.
 *
 * <p>No method of this package accepts or returns {@code null}.
 */
package dev.bufpool.sizeclass;
