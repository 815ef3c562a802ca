package dev.ginr.inr.train;

/** Throughput and ETA of a run: steps per second measured from the end of the first step (warm-up excluded). */
final class ProgressClock {

    private final long totalSteps;
    private long firstStepEnd = -1;
    private long stepsAtFirst;

    ProgressClock(long totalSteps) {
        this.totalSteps = totalSteps;
    }

    ProgressEvent event(long step, double loss, double psnr, double lr) {
        long now = System.nanoTime();
        if (firstStepEnd < 0) {
            firstStepEnd = now;
            stepsAtFirst = step;
            return new ProgressEvent(step, totalSteps, loss, psnr, lr, Double.NaN, Double.NaN);
        }
        double seconds = (now - firstStepEnd) / 1e9;
        double rate = seconds > 0 ? (step - stepsAtFirst) / seconds : Double.NaN;
        double eta = rate > 0 ? (totalSteps - step) / rate : Double.NaN;
        return new ProgressEvent(step, totalSteps, loss, psnr, lr, rate, eta);
    }
}
