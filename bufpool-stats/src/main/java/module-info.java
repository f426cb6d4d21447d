/**
 * Statistics for any bufpool pool: exact counters, peaks, wait times and leak reports, one JMX
 * MXBean per pool, and optional SLF4J summaries.
 *
 * <p>Use {@link dev.bufpool.stats.StatsBufferPool} directly, or name the decorator {@code "stats"}
 * in a spec ({@code PoolSpec.builder(type).decorate("stats")}) and let
 * {@link dev.bufpool.BufferPools#create(dev.bufpool.PoolSpec)} apply it to whatever provider made
 * the pool. The MXBean interface lives in the exported package so that the platform MBean server
 * can introspect it on the module path.
 */
module dev.bufpool.stats {
    requires transitive dev.bufpool.api;
    requires transitive java.management;
    requires org.slf4j;

    exports dev.bufpool.stats;

    provides dev.bufpool.spi.PoolDecorator with dev.bufpool.stats.internal.StatsPoolDecorator;
}
