package org.sanad.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/** Latency percentiles of one measured run, thread-safe while recording. */
final class Latencies {

    private final Recorder recorder = new Recorder(3);
    private org.HdrHistogram.Histogram taken;

    void record(long startNanos) {
        recorder.recordValue(Math.max(1, System.nanoTime() - startNanos));
    }

    String summary(String name, double seconds) {
        long n = taken().getTotalCount();
        return String.format("%-44s n=%6d  p50=%7.3f ms  p99=%7.3f ms  max=%7.3f ms  %8.1f /s", name, n,
                ms(taken.getValueAtPercentile(50)), ms(taken.getValueAtPercentile(99)), ms(taken.getMaxValue()),
                n / seconds);
    }

    double percentileMillis(double percentile) {
        return ms(taken().getValueAtPercentile(percentile));
    }

    double maxMillis() {
        return ms(taken().getMaxValue());
    }

    /** What was recorded, taken once: recording after it starts a new run. */
    private org.HdrHistogram.Histogram taken() {
        if (taken == null) {
            taken = recorder.getIntervalHistogram();
        }
        return taken;
    }

    private static double ms(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
