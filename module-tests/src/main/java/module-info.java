/**
 * Black-box tests of bufpool, run on the module path as a consumer module would, and the demo.
 *
 * <p>This module reads the API only. The implementations are never required: they are resolved
 * from the module path and found through {@link java.util.ServiceLoader}, exactly as an
 * application that depends on the API alone would find them.
 */
module dev.bufpool.moduletests {
    requires dev.bufpool.api;
    // The platform's buffer pool beans: how much direct memory the pools hold, in tests and the demo.
    requires java.management;
}
