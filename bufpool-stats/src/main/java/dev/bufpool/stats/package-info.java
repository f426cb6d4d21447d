/**
 * Statistics for any {@link dev.bufpool.BufferPool}: {@link dev.bufpool.stats.StatsBufferPool}
 * wraps a pool of any provider, counts what passes through it, and shows the figures as
 * {@link dev.bufpool.PoolStats}, as a richer {@link dev.bufpool.stats.StatsSnapshot}, as a JMX
 * {@link dev.bufpool.stats.PoolStatsMXBean} and, if asked, as a periodic SLF4J summary.
 *
 * <p>The same decorator is offered through {@link dev.bufpool.spi.PoolDecorator} under the name
 * {@value dev.bufpool.stats.StatsBufferPool#DECORATOR_NAME}, so a spec that says
 * {@code decorate("stats")} gets a counted pool whatever provider made it.
 *
 * <p>No method of this package accepts {@code null} unless its documentation says so; a
 * {@code null} argument is refused with a {@link java.lang.NullPointerException} naming it.
 */
package dev.bufpool.stats;
