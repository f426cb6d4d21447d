/**
 * The idle reserve the unbounded bufpool implementations share: idle buffers held in a Caffeine
 * cache that weighs them in bytes, expires them by idle time and, when the byte bound is reached,
 * lets its frequency-based policy choose what to drop. Exported only to the implementation
 * modules; it is not an API and may change in any release.
 */
module dev.bufpool.idle {
    requires transitive dev.bufpool.core;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.bufpool.idle to dev.bufpool.sharded, dev.bufpool.sizeclass;
}
