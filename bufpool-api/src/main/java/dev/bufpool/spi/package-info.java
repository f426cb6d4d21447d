/**
 * What an implementation of bufpool provides.
 *
 * <p>An implementation module declares
 * {@code provides dev.bufpool.spi.BufferPoolProvider with ...} in its {@code module-info} and also
 * carries {@code META-INF/services/dev.bufpool.spi.BufferPoolProvider}, so that it is found on the
 * module path, on the class path and by OSGi's Service Loader Mediator alike. Decorators, which
 * wrap any pool, are offered the same way as {@link dev.bufpool.spi.PoolDecorator}.
 *
 * <p>{@link dev.bufpool.BufferPools#create(dev.bufpool.PoolSpec)} looks providers up in this order:
 * the provider named in the spec; else the one named by the system property
 * {@value dev.bufpool.BufferPools#PROVIDER_PROPERTY}; else the provider with the highest
 * {@linkplain dev.bufpool.spi.BufferPoolProvider#priority() priority} whose
 * {@linkplain dev.bufpool.spi.BufferPoolProvider#features() features} cover the spec's. Providers
 * are discovered once, on first use.
 *
 * <p>No method of this package accepts or returns {@code null}.
 */
package dev.bufpool.spi;
