package dev.bufpool.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The performance targets, each checked case by case against one run: a target is met when every
 * case is. A target that is missed carries the reason, measured where it can be.
 */
final class Targets {

    /** One case of a target: what was measured, against what limit. */
    record Check(String what, double measured, double limit, boolean atMost) {
        boolean passes() {
            return !Double.isNaN(measured) && (atMost ? measured <= limit : measured >= limit);
        }

        String describe() {
            return what + ": " + Figures.number(measured) + (atMost ? " (at most " : " (at least ") + Figures.number(limit) + ")";
        }
    }

    /** A target and its cases. */
    static final class Target {
        final String name;
        final String whyIfMissed;
        final List<Check> checks = new ArrayList<>();

        Target(String name, String whyIfMissed) {
            this.name = name;
            this.whyIfMissed = whyIfMissed;
        }

        Target atMost(String what, double measured, double limit) {
            checks.add(new Check(what, measured, limit, true));
            return this;
        }

        Target atLeast(String what, double measured, double limit) {
            checks.add(new Check(what, measured, limit, false));
            return this;
        }

        boolean met() {
            return !checks.isEmpty() && checks.stream().allMatch(Check::passes);
        }

        long missed() {
            return checks.stream().filter(c -> !c.passes()).count();
        }
    }

    private final List<Target> all = new ArrayList<>();

    Target add(String name, String whyIfMissed) {
        Target target = new Target(name, whyIfMissed);
        all.add(target);
        return target;
    }

    /** Writes the targets table and, for each missed target, its failing cases and the reason. */
    void write(Markdown md) {
        md.line("| target | cases met | result |").line("|---|---|---|");
        for (Target t : all) {
            md.line("| " + t.name + " | " + (t.checks.size() - t.missed()) + " of " + t.checks.size() + " | "
                    + (t.met() ? "met" : "**not met**") + " |");
        }
        md.blank();
        for (Target t : all) {
            if (t.met()) {
                continue;
            }
            md.line("**" + t.name + ": not met.** " + t.whyIfMissed).blank();
            t.checks.stream().filter(c -> !c.passes()).limit(12).forEach(c -> md.line("- " + c.describe()));
            if (t.missed() > 12) {
                md.line("- and " + (t.missed() - 12) + " more cases");
            }
            md.blank();
        }
    }
}
