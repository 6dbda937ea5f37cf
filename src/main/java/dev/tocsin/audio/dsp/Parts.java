package dev.tocsin.audio.dsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A programme cut in a long pause into parts that are processed side by side, one per core
 * (two at most: the deployment target has two). A part handed to the common pool is taken
 * back by the calling thread if the pool has not started it when the caller is done, so a busy
 * pool never makes a render wait.
 */
public final class Parts {

    /** Silence needed before a cut: filter, compressor and limiter state have died away by then. */
    static final double SETTLE_SECONDS = 0.25;
    /** Silence needed after a cut: more than the limiter's look-ahead and the true-peak filter. */
    static final double LEAD_IN_SECONDS = 0.05;
    /** Shorter programmes are not cut. */
    static final double MIN_SECONDS = 4;

    private Parts() {}

    /**
     * The signal as one part, or as two cut in the pause of digital silence nearest the middle.
     * The cut falls on a 100 ms boundary, so loudness sub-blocks of the parts line up with those
     * of the whole (see {@link LoudnessMeter#integrated(List)}).
     */
    public static List<Pcm> split(Pcm pcm) {
        float[] x = pcm.samples();
        int rate = pcm.sampleRate();
        int n = x.length;
        if (n < MIN_SECONDS * rate) {
            return List.of(pcm);
        }
        int step = LoudnessMeter.step(rate);
        int settle = (int) Math.ceil(SETTLE_SECONDS * rate);
        int leadIn = (int) Math.ceil(LEAD_IN_SECONDS * rate);
        int best = 0;
        int i = 0;
        while (i < n) {
            if (x[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && x[i] == 0) {
                i++;
            }
            // Silence is [start, i): the latest 100 ms boundary with leadIn of it still after.
            int cut = (i - leadIn) / step * step;
            if (start > 0 && i < n && cut - start >= settle && Math.abs(cut - n / 2) < Math.abs(best - n / 2)) {
                best = cut;
            }
        }
        if (best < n / 4 || best > n * 3 / 4) {
            return List.of(pcm);
        }
        return List.of(
                new Pcm(java.util.Arrays.copyOfRange(x, 0, best), rate),
                new Pcm(java.util.Arrays.copyOfRange(x, best, n), rate));
    }

    /** f applied to every part (or anything per part), the parts side by side. */
    public static <A, T> List<T> each(List<A> parts, Function<A, T> f) {
        if (parts.size() == 1) {
            return List.of(f.apply(parts.get(0)));
        }
        if (parts.size() != 2) {
            throw new IllegalArgumentException("one or two parts: " + parts.size());
        }
        CompletableFuture<T> first = new CompletableFuture<>();
        AtomicBoolean taken = new AtomicBoolean();
        Runnable runFirst = () -> {
            if (taken.compareAndSet(false, true)) {
                try {
                    first.complete(f.apply(parts.get(0)));
                } catch (RuntimeException | Error e) {
                    first.completeExceptionally(e);
                }
            }
        };
        ForkJoinPool.commonPool().execute(runFirst);
        T second = f.apply(parts.get(1));
        runFirst.run();
        List<T> out = new ArrayList<>(2);
        try {
            out.add(first.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        out.add(second);
        return out;
    }

    public static Pcm join(List<Pcm> parts) {
        return parts.size() == 1 ? parts.get(0) : Pcm.concat(parts.get(0).sampleRate(), parts);
    }
}
