package dev.bufpool.moduletests.demo;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;

/**
 * Where the demo's workload gets its buffers and where it gives them back: a pool, or plain
 * allocation, the baseline a pool is measured against.
 *
 * @param <H> what a thread holds while it uses a buffer: a lease, or the array itself
 */
interface Buffers<H> {

    /** A buffer of at least {@code size} bytes, held until {@link #release}. */
    H acquire(int size);

    /** The array of what is held. */
    byte[] buffer(H held);

    /** Gives back what is held; it is not used again. */
    void release(H held);

    /** The pool's leases. */
    static Buffers<Lease<byte[]>> from(BufferPool<byte[]> pool) {
        return new Buffers<>() {
            @Override
            public Lease<byte[]> acquire(int size) {
                return pool.acquire(size);
            }

            @Override
            public byte[] buffer(Lease<byte[]> held) {
                return held.buffer();
            }

            @Override
            public void release(Lease<byte[]> held) {
                held.close();
            }
        };
    }

    /** {@code new byte[size]} for every acquisition, left to the garbage collector on release. */
    static Buffers<byte[]> allocating() {
        return new Buffers<>() {
            @Override
            public byte[] acquire(int size) {
                return new byte[size];
            }

            @Override
            public byte[] buffer(byte[] held) {
                return held;
            }

            @Override
            public void release(byte[] held) {
                // nothing to give back: the array becomes garbage
            }
        };
    }
}
