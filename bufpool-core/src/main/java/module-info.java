/**
 * Machinery the bufpool implementations share: the lease and shared-buffer objects, the per-thread
 * buffer cache, the lock-free bounded ring and the timer of periodic trimming. Exported only to the implementation modules; it is
 * not an API and may change in any release.
 */
module dev.bufpool.core {
    requires transitive dev.bufpool.api;
    requires org.slf4j;

    exports dev.bufpool.core to dev.bufpool.idle, dev.bufpool.sharded, dev.bufpool.sizeclass, dev.bufpool.bounded;
}
