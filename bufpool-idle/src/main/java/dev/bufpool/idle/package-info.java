/**
 * Idle trimming: {@link dev.bufpool.idle.IdleReserve}, the Caffeine-backed tier of idle buffers,
 * and {@link dev.bufpool.idle.IdleBudget}, how a pool's idle bounds are split between the tier its
 * hot path uses and the reserve.
 *
 * <p>Every method rejects {@code null} arguments with a {@link java.lang.NullPointerException}
 * unless it says otherwise.
 */
package dev.bufpool.idle;
