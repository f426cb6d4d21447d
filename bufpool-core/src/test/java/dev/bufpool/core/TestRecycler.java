package dev.bufpool.core;

import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A recycler that records what comes back. */
final class TestRecycler implements Recycler<ByteBuffer> {
    final List<ByteBuffer> recycled = new CopyOnWriteArrayList<>();
    private final boolean sharing;

    TestRecycler(boolean sharing) {
        this.sharing = sharing;
    }

    @Override
    public BufferType<ByteBuffer> type() {
        return BufferTypes.HEAP_BYTE_BUFFER;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public boolean sharing() {
        return sharing;
    }

    @Override
    public void recycle(ByteBuffer buffer) {
        recycled.add(buffer);
    }
}
