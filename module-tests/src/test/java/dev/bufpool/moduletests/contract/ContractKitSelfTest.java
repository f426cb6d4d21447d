package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolSpec;
import dev.bufpool.moduletests.contract.FaultyPool.Fault;
import org.junit.jupiter.api.Test;

/** The kit can fail: it passes a sound pool and catches each fault of a broken one. */
class ContractKitSelfTest {

    private static final int PAIRS = 20_000;

    private final LeaseContractTest lease = new LeaseContractTest();

    private static FaultyProvider with(Fault fault) {
        return new FaultyProvider(fault);
    }

    @Test
    void aSoundPoolPassesTheLeaseHandOffAndStampChecks() throws InterruptedException {
        FaultyProvider sound = with(Fault.NONE);
        assertDoesNotThrow(() -> lease.closingTwiceGivesTheBufferBackOnce(sound));
        assertDoesNotThrow(() -> lease.aStaleLeaseClosedAgainDoesNotTouchTheBufferOfItsNextHolder(sound));
        assertDoesNotThrow(() -> lease.aByteBufferComesClearedEvenAfterTheLastHolderMovedItsPositionLimitMarkAndOrder(
                sound, BufferTypes.HEAP_BYTE_BUFFER));
        assertDoesNotThrow(() -> new CrossThreadContractTest().buffersClosedOnAnotherThreadAreReused(sound));
        try (BufferPool<byte[]> pool = sound.create(stampSpec())) {
            StampedConcurrencyContractTest.Outcome outcome = StampedConcurrencyContractTest.run(pool, PAIRS);
            assertNull(outcome.broken());
            assertEquals(PAIRS, outcome.pairs());
        }
    }

    @Test
    void aPoolWithoutSharingIsCheckedToRefuseItThoughNoProviderFoundLacksSharing() {
        assertDoesNotThrow(() -> new SharingContractTest()
                .sharingIsRefusedWithUnsupportedOperationExceptionByAPoolWithoutSharing(with(Fault.NONE)));
    }

    @Test
    void aCloseThatIsNotIdempotentIsCaught() {
        FaultyProvider faulty = with(Fault.CLOSE_NOT_IDEMPOTENT);
        assertThrows(AssertionError.class, () -> lease.closingTwiceGivesTheBufferBackOnce(faulty));
        assertThrows(AssertionError.class,
                () -> lease.aStaleLeaseClosedAgainDoesNotTouchTheBufferOfItsNextHolder(faulty));
    }

    @Test
    void aBufferHandedOutWhileHeldBreaksAStamp() throws InterruptedException {
        try (BufferPool<byte[]> pool = with(Fault.HANDS_OUT_HELD).create(stampSpec())) {
            assertNotNull(StampedConcurrencyContractTest.run(pool, PAIRS).broken());
        }
    }

    @Test
    void aByteBufferLeftAsTheLastHolderLeftItIsCaught() {
        assertThrows(AssertionError.class,
                () -> lease.aByteBufferComesClearedEvenAfterTheLastHolderMovedItsPositionLimitMarkAndOrder(
                        with(Fault.NOT_CLEARED), BufferTypes.DIRECT_BYTE_BUFFER));
    }

    @Test
    void aPoolThatNeverReusesFailsTheHandOffCheck() {
        assertThrows(AssertionError.class,
                () -> new CrossThreadContractTest().buffersClosedOnAnotherThreadAreReused(with(Fault.NEVER_REUSES)));
    }

    private static PoolSpec<byte[]> stampSpec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).build();
    }
}
