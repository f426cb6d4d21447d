/**
 * The bufpool API: what users and implementers of buffer pools type.
 *
 * <p>{@code dev.bufpool} holds the user-facing types ({@link dev.bufpool.BufferPool},
 * {@link dev.bufpool.Lease}, {@link dev.bufpool.PoolSpec}, the {@link dev.bufpool.BufferPools}
 * facade); {@code dev.bufpool.spi} holds what an implementation provides. Implementations are
 * found with {@link java.util.ServiceLoader}; this module has no dependencies and no pool logic.
 */
module dev.bufpool.api {
    exports dev.bufpool;
    exports dev.bufpool.spi;

    uses dev.bufpool.spi.BufferPoolProvider;
    uses dev.bufpool.spi.PoolDecorator;
}
