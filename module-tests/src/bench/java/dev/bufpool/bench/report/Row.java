package dev.bufpool.bench.report;

import java.util.List;
import java.util.Map;

/**
 * One subject of a table: a label, the benchmark method that measured it, and the parameters
 * that pick it among that method's results.
 *
 * @param label what the report calls it
 * @param method the benchmark method or group
 * @param params the parameters that select it
 * @param ours whether it is one of this project's pools
 */
record Row(String label, String method, Map<String, String> params, boolean ours) {

    static final String FLOOR = "floor";
    static final String NO_POOL = "noPool";

    /** The anchors every suite shares, in the order the tables show them. */
    static final List<Row> POOL_ANCHORS = List.of(
            anchor("Netty 4.2 PooledByteBufAllocator", "nettyPooled"),
            anchor("Netty 4.2 AdaptiveByteBufAllocator", "nettyAdaptive"),
            anchor("Jetty 12 ArrayByteBufferPool", "jetty"),
            anchor("Kafka producer BufferPool", "kafka"),
            anchor("stormpot 3.2", "stormpot"),
            anchor("Commons Pool 2 GenericObjectPool", "commonsPool2"));

    static Row anchor(String label, String method) {
        return new Row(label, method, Map.of(), false);
    }

    /**
     * @param provider {@code sharded}, {@code sizeclass} or {@code bounded}
     * @param variant {@code plain}, {@code stats} or {@code trimming}
     * @return the row of one of this project's pools in a suite whose method is {@code ours}
     */
    static Row ours(String provider, String variant) {
        String label = switch (variant) {
            case "plain" -> "**" + provider + "**";
            case "stats" -> provider + " + stats";
            default -> provider + ", idle trimming on";
        };
        return new Row(label, "ours", Map.of("provider", provider, "variant", variant), true);
    }

    /** @return the row with more parameters fixed (the kind, the size) */
    Row with(Map<String, String> more) {
        Map<String, String> all = new java.util.TreeMap<>(params);
        all.putAll(more);
        return new Row(label, method, all, ours);
    }
}
