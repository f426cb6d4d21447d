/**
 * Machinery shared by the implementations; exported only to them.
 *
 * <p>Memory-ordering names follow one convention: a plain field access has no ordering; an
 * {@code Acquire} load or {@code Release} store pairs with its counterpart to give a
 * happens-before edge; {@code Opaque} is atomic without ordering; {@code compareAndSet} is a full
 * volatile read-modify-write.
 */
package dev.bufpool.core;
