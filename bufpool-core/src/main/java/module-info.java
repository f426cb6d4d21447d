/**
 * Machinery the bufpool implementations share: the lease and shared-buffer objects, the per-thread
 * buffer cache and the lock-free bounded ring. Exported only to the implementation modules; it is
 * not an API and may change in any release.
 */
module dev.bufpool.core {
    requires transitive dev.bufpool.api;

    exports dev.bufpool.core to dev.bufpool.sharded, dev.bufpool.sizeclass, dev.bufpool.bounded;
}
