package dev.bufpool.moduletests.demo;

import dev.bufpool.BufferPools;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.spi.BufferPoolProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Lists the pool providers found on the module path and runs a short multi-threaded workload on a
 * pool of each, and first with {@code new byte[]} for every acquisition (the baseline, what a pool
 * saves), printing what each did: operations per second, buffers allocated against reused, those
 * the pool preallocated, and what it keeps idle at the end; then a table of them side by side;
 * then runs it again on pools with idle trimming and shows their idle memory falling once the load
 * has stopped.
 *
 * <p>Usage: {@code Demo [milliseconds per provider] [threads]}, by default 700 ms and 3 threads.
 * An application, so it prints to standard output.
 */
public final class Demo {

    private static final Duration DEFAULT_DURATION = Duration.ofMillis(700);
    private static final int DEFAULT_THREADS = 3;
    private static final String NOT_TRACKED = "n/a";
    /** The baseline's name: the same workload without a pool. */
    private static final String BASELINE = "new byte[] (no pool)";

    private final PrintStream out;

    private Demo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo.
     *
     * @param args optionally the milliseconds each provider runs, then the number of threads
     * @throws InterruptedException if interrupted while the workload runs
     */
    public static void main(String[] args) throws InterruptedException {
        Duration duration = args.length > 0 ? Duration.ofMillis(Long.parseLong(args[0])) : DEFAULT_DURATION;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_THREADS;
        if (!new Demo(System.out).run(duration, threads)) {
            System.exit(1);
        }
    }

    private boolean run(Duration duration, int threads) throws InterruptedException {
        List<BufferPoolProvider> providers = BufferPools.providers();
        String where = Demo.class.getModule().isNamed() ? "module path" : "class path";
        out.printf(Locale.ROOT, "bufpool demo: %d provider(s) found on the %s%n%n", providers.size(), where);
        if (providers.isEmpty()) {
            out.println("No provider: put an implementation module, such as dev.bufpool:bufpool-sharded, "
                    + "on the module path.");
            return false;
        }
        Table found = new Table("provider", "priority", "module", "features").rightAligned(1);
        for (BufferPoolProvider provider : providers) {
            Module module = provider.getClass().getModule();
            found.row(provider.name(), provider.priority(), module.isNamed() ? module.getName() : "(class path)",
                    provider.features().stream().map(PoolFeature::name).sorted().collect(Collectors.joining(" ")));
        }
        found.print(out, "  ");
        out.printf(Locale.ROOT, "%nWorkload: %d threads for %d ms per provider, byte[] of %s bytes at random;"
                + "%none lease in %d is closed by the next thread.%n", threads, duration.toMillis(),
                sizes(), Workload.HAND_OFF_EVERY);
        Table summary = new Table("", "operations per second", "buffers allocated", "buffers preallocated")
                .rightAligned(1, 2, 3);
        report(BASELINE, Workload.runAllocating(threads, duration), summary);
        for (BufferPoolProvider provider : providers) {
            report(provider.name(), Workload.run(provider, threads, duration), summary);
        }
        out.printf(Locale.ROOT, "%nThe same workload, side by side:%n");
        summary.print(out, "  ");
        out.printf(Locale.ROOT, "Buffers allocated are those made while the workload ran, because none idle fitted;%n"
                + "buffers preallocated were made when the pool was built, and were idle when it started.%n");
        new IdleTrimDemo(out).run(providers, threads, duration);
        return true;
    }

    private void report(String name, Workload.Result result, Table summary) {
        PoolStats stats = result.stats();
        long pairs = result.acquisitions();
        double seconds = result.elapsed().toNanos() / 1e9;
        String perSecond = count(Math.round(pairs / seconds));
        Table table = new Table("", "", "").rightAligned(1)
                .row("elapsed", String.format(Locale.ROOT, "%.2f s", seconds), "")
                .row("acquire/close pairs", count(pairs), "")
                .row("operations per second", perSecond, "")
                .row("closed by another thread", count(result.handedOff()), "")
                .row("buffers preallocated", count(result.idleAtStart()), "idle when the workload started");
        figure(table, "buffers allocated", stats.allocations(), count(stats.allocations()));
        if (stats.reuses() == PoolStats.UNTRACKED && stats.allocations() != PoolStats.UNTRACKED) {
            table.row("buffers reused", count(Math.max(0, pairs - stats.allocations())),
                    "the acquisitions that allocated nothing");
        } else {
            figure(table, "buffers reused", stats.reuses(), count(stats.reuses()));
        }
        figure(table, "buffers dropped", stats.drops(), count(stats.drops()));
        figure(table, "idle buffers at the end", stats.idleBuffers(), count(stats.idleBuffers()));
        figure(table, "idle memory at the end", stats.idleBytes(), bytes(stats.idleBytes()));
        out.printf(Locale.ROOT, "%n%s%n", name);
        table.print(out, "  ");
        summary.row(name, perSecond, stats.allocations() == PoolStats.UNTRACKED ? NOT_TRACKED
                : count(stats.allocations()), count(result.idleAtStart()));
    }

    /** A row for a figure of the pool's, or "n/a" where the pool does not track it. */
    private static void figure(Table table, String name, long figure, String shown) {
        if (figure == PoolStats.UNTRACKED) {
            table.row(name, NOT_TRACKED, "not tracked by this pool");
        } else {
            table.row(name, shown, "");
        }
    }

    private static String sizes() {
        StringBuilder sizes = new StringBuilder();
        for (int size : Workload.SIZES) {
            sizes.append(sizes.length() == 0 ? "" : ", ").append(count(size));
        }
        return sizes.toString();
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        if (value < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", value / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", value / (1024.0 * 1024));
    }
}
