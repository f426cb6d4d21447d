/**
 * Buffer pools for hot paths that must not allocate.
 *
 * <p>A {@link dev.bufpool.BufferPool} hands out buffers wrapped in a {@link dev.bufpool.Lease};
 * closing the lease gives the buffer back. Pools are made by
 * {@link dev.bufpool.BufferPools#create(PoolSpec)} from a {@link dev.bufpool.PoolSpec}, which picks
 * an implementation found through {@link java.util.ServiceLoader}, or directly from an
 * implementation module's own builder.
 *
 * <h2>Nulls</h2>
 * No method of this package accepts {@code null} unless its documentation says so; passing
 * {@code null} throws {@link java.lang.NullPointerException} naming the parameter. No method returns
 * {@code null} except {@code BufferPool.tryAcquire}, which documents when.
 *
 * <h2>The contract every pool keeps</h2>
 * <ul>
 *   <li>A lease's buffer holds at least the requested number of elements; a
 *       {@link java.nio.ByteBuffer} is handed out cleared, with position 0 and limit equal to the
 *       requested size.</li>
 *   <li>One buffer is never held by two leases at once, whatever the interleaving of threads.</li>
 *   <li>{@link dev.bufpool.Lease#close()} is idempotent: a second close of the same lease does
 *       nothing, even after the buffer has been handed to another holder.</li>
 *   <li>Bad input is refused with an {@link java.lang.IllegalArgumentException} naming the
 *       setting, the value and what is allowed, and never corrupts the pool.</li>
 * </ul>
 */
package dev.bufpool;
