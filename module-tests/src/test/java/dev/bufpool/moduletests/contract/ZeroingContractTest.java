package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferType;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/** With {@code zeroOnRelease}, no data of one holder is visible to the next. */
class ZeroingContractTest {

    private static final int HELD = 4;

    @ParameterizedTest(name = "{0} {1}")
    @ApplicableProviders(offering = PoolFeature.ZEROING, types = ApplicableProviders.Types.STANDARD)
    <T> void aReturnedBufferIsWipedBeforeTheNextHolderSeesIt(BufferPoolProvider provider, BufferType<T> type) {
        var spec = FittedSpec.builder(provider, type, ContractKit.LARGEST, ContractKit.MOST_OUT).zeroOnRelease(true);
        try (BufferPool<T> pool = provider.create(spec.build())) {
            for (int size : new int[] {1000, 500, 1000, 3000}) {
                List<Lease<T>> leases = new ArrayList<>();
                for (int i = 0; i < HELD; i++) {
                    Lease<T> lease = pool.acquire(size);
                    assertEquals(0, nonZero(lease.buffer()), () -> "non-zero elements seen by a new holder");
                    leases.add(lease);
                }
                for (Lease<T> lease : leases) {
                    fill(lease.buffer());
                    lease.close();
                }
            }
        }
    }

    /** Sets every element, not just those up to the limit, to a non-zero value. */
    private static void fill(Object buffer) {
        if (buffer instanceof byte[] bytes) {
            Arrays.fill(bytes, (byte) 0x5A);
        } else if (buffer instanceof float[] floats) {
            Arrays.fill(floats, 0.5f);
        } else {
            ByteBuffer bytes = ((ByteBuffer) buffer).duplicate().clear();
            for (int i = 0; i < bytes.capacity(); i++) {
                bytes.put(i, (byte) 0x5A);
            }
        }
    }

    /** Counts the non-zero elements over the whole capacity. */
    private static int nonZero(Object buffer) {
        int count = 0;
        if (buffer instanceof byte[] bytes) {
            for (byte b : bytes) {
                count += b != 0 ? 1 : 0;
            }
        } else if (buffer instanceof float[] floats) {
            for (float f : floats) {
                count += f != 0 ? 1 : 0;
            }
        } else {
            ByteBuffer bytes = ((ByteBuffer) buffer).duplicate().clear();
            for (int i = 0; i < bytes.capacity(); i++) {
                count += bytes.get(i) != 0 ? 1 : 0;
            }
        }
        return count;
    }
}
