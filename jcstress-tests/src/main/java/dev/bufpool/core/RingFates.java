package dev.bufpool.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of each element in one run of a ring test: whether its offer succeeded, and which
 * polls returned it, in each poller's order. Elements are named {@code <offerer><seq>} ({@code "a1"},
 * {@code "a2"}, {@code "b1"}...), so that one offerer's elements compare by their offer order.
 *
 * <p>{@link #verdict} names the first broken invariant, or {@code "ok"}:
 * {@code phantom} (a poll returned an element whose offer failed or never happened),
 * {@code duplicated} (two polls returned one element), {@code lost} (an element offered
 * successfully that no poll returned, the arbiter's drain included), {@code fifo} (a poller got two
 * elements of one offerer out of their offer order, or the drain found an element of an offerer
 * older than one of its elements already polled), {@code over-capacity} (the drain found more than
 * the capacity).
 */
final class RingFates {

    private final Map<String, Boolean> offered = new HashMap<>();
    private final List<List<String>> polls = new ArrayList<>();

    /** Records an offer of {@code element} and whether it succeeded. */
    RingFates offered(String element, boolean succeeded) {
        offered.put(element, succeeded);
        return this;
    }

    /** Records what one poller got, in its order; {@code null} entries (empty polls) are skipped. */
    RingFates polled(String... got) {
        List<String> list = new ArrayList<>();
        for (String element : got) {
            if (element != null) {
                list.add(element);
            }
        }
        polls.add(list);
        return this;
    }

    /**
     * @param drained what the arbiter polled once the actors were done, in order
     * @param capacity the ring's capacity
     * @return {@code "ok"} or the name of the first broken invariant
     */
    String verdict(List<String> drained, int capacity) {
        Map<String, Integer> times = new HashMap<>();
        for (List<String> list : polls) {
            for (String element : list) {
                times.merge(element, 1, Integer::sum);
            }
        }
        for (String element : drained) {
            times.merge(element, 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> taken : times.entrySet()) {
            if (!offered.getOrDefault(taken.getKey(), false)) {
                return "phantom";
            }
            if (taken.getValue() > 1) {
                return "duplicated";
            }
        }
        for (Map.Entry<String, Boolean> offer : offered.entrySet()) {
            if (offer.getValue() && !times.containsKey(offer.getKey())) {
                return "lost";
            }
        }
        for (List<String> list : polls) {
            if (!inOfferOrder(list)) {
                return "fifo";
            }
        }
        if (!inOfferOrder(drained)) {
            return "fifo";
        }
        for (String left : drained) {
            for (List<String> list : polls) {
                for (String earlier : list) {
                    if (offerer(earlier) == offerer(left) && seq(earlier) > seq(left)) {
                        return "fifo";
                    }
                }
            }
        }
        return drained.size() > capacity ? "over-capacity" : "ok";
    }

    /** {@return a short summary of the interleaving: offers that succeeded, polls that got one, left} */
    String summary(List<String> drained) {
        long offers = offered.values().stream().filter(b -> b).count();
        int got = polls.stream().mapToInt(List::size).sum();
        return "offered=" + offers + " polled=" + got + " left=" + drained.size();
    }

    private static boolean inOfferOrder(List<String> list) {
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                if (offerer(list.get(i)) == offerer(list.get(j)) && seq(list.get(i)) > seq(list.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static char offerer(String element) {
        return element.charAt(0);
    }

    private static int seq(String element) {
        return element.charAt(1) - '0';
    }

    /** {@return everything left in {@code ring}, in poll order} */
    static List<String> drain(MpmcRing<String> ring) {
        List<String> left = new ArrayList<>();
        for (String element = ring.poll(); element != null; element = ring.poll()) {
            left.add(element);
        }
        return left;
    }
}
