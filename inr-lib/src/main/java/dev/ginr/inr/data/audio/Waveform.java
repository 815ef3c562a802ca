package dev.ginr.inr.data.audio;

/**
 * A mono waveform: samples in [-1, 1] (full scale of the source encoding) at {@code sampleRate} Hz.
 *
 * @param samples    the samples, in time order
 * @param sampleRate samples per second
 */
public record Waveform(float[] samples, int sampleRate) {

    public Waveform {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRate);
        }
    }

    /** Number of samples. */
    public int length() {
        return samples.length;
    }

    /** Duration in seconds. */
    public double seconds() {
        return (double) samples.length / sampleRate;
    }

    /** This waveform at {@code rate} Hz: itself when the rate matches, else band-limited by {@link SincResampler}. */
    public Waveform at(int rate) {
        return rate == sampleRate ? this : new Waveform(new SincResampler(sampleRate, rate).resample(samples), rate);
    }
}
