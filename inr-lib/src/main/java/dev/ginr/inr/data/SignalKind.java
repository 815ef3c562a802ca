package dev.ginr.inr.data;

import dev.ginr.inr.config.ConfigException;
import dev.ginr.inr.config.DataEncoderConfig;
import dev.ginr.inr.config.DatasetConfig;
import dev.ginr.inr.config.ExperimentSpec;
import dev.ginr.inr.config.HyponetConfig;
import dev.ginr.inr.nn.DataTokenizer;

/**
 * What kind of signal an experiment reconstructs (DESIGN.md, "one signal abstraction"): the kind fixes the grid a
 * signal lives on and the tokenizer that turns it into the hypernetwork's data tokens. Models, trainer, evaluation
 * and checkpoints are the same for every kind: a signal is always a (P, C) array on a row-major grid with
 * coordinates in [-1, 1] ({@link CoordinateGrid}), and PSNR is always -10 log10(MSE) per signal
 * ({@code train.Metrics}), which is how the reference reports images in [0, 1] and audio in [-1, 1] alike.
 *
 * <ul>
 *   <li>{@link #IMAGE}: S x S RGB, grid {S, S}, 2-D patches ({@code unfold});</li>
 *   <li>{@link #AUDIO}: mono clips of T samples, grid {T}, 1-D patches ({@code unfold_audio});</li>
 *   <li>{@link #SCENE}: views of S x S RGB pixels seen through cameras; the hypernetwork reads support views with
 *       their rays ({@code unfold} of 9 channels), the hyponet is queried at 3-D points along the rays of the query
 *       views and volume-rendered (training: {@code train.SceneSignals}).</li>
 * </ul>
 */
public interface SignalKind {

    SignalKind IMAGE = new ImageKind();
    SignalKind AUDIO = new AudioKind();
    SignalKind SCENE = new SceneKind();

    /** "image", "audio", "scene". */
    String name();

    /** Axis lengths of one signal of {@code dataset}: {S, S} for images, {T} for audio. */
    int[] grid(DatasetConfig dataset);

    /** Values per point of the grid. */
    int channels();

    /** Coordinates of one hyponet query ({@code arch.hyponet.input_dim}): the grid's axes, 3 for scenes. */
    default int queryDim(DatasetConfig dataset) {
        return grid(dataset).length;
    }

    /** Hyponet outputs per query ({@code arch.hyponet.output_dim}): the channels, RGB and density for scenes. */
    default int hyponetOutputs() {
        return channels();
    }

    /** The data encoder {@code encoder} of the kind, sized for the signals of {@code dataset}. */
    DataTokenizer tokenizer(DataEncoderConfig encoder, DatasetConfig dataset);

    /**
     * The kind of an experiment's data set: scenes when it has scene settings ({@code dataset.train_config}),
     * images when {@code dataset.resolution} (or the transform's size) is set, audio when a clip length and sampling
     * rate are.
     *
     * @throws ConfigException when the data set names neither, or when the hyponet's coordinate dimension does not
     *                         match the kind's grid
     */
    static SignalKind of(ExperimentSpec spec) {
        DatasetConfig d = spec.dataset();
        SignalKind kind = d.isScene() ? SCENE : d.isImage() ? IMAGE : d.clipSamples() > 0 ? AUDIO : null;
        if (kind == null) {
            throw new ConfigException(DatasetConfig.PATH, d.type(), "images (dataset.resolution) or audio clips "
                    + "(dataset.transforms.patch_secs and sampling_rate)");
        }
        int axes = kind.queryDim(d);
        if (spec.hyponet().inputDim() != axes) {
            throw new ConfigException(HyponetConfig.PATH + ".input_dim", spec.hyponet().inputDim(),
                    axes + " (the coordinate dimension of " + kind.name() + " signals)");
        }
        if (spec.hyponet().outputDim() != kind.hyponetOutputs()) {
            throw new ConfigException(HyponetConfig.PATH + ".output_dim", spec.hyponet().outputDim(),
                    kind.hyponetOutputs() + " (the outputs per query of " + kind.name() + " signals)");
        }
        return kind;
    }

    /** Requires {@code encoder} to be of the given type. */
    static DataEncoderConfig requireEncoder(DataEncoderConfig encoder, DataEncoderConfig.Kind type, String kind) {
        if (encoder == null || encoder.kind() != type) {
            throw new ConfigException(DataEncoderConfig.PATH + ".type", encoder == null ? null
                    : encoder.kind().yamlName(), type.yamlName() + " (the tokenizer of " + kind + " signals)");
        }
        return encoder;
    }
}
