package dev.ginr.inr.data.scene;

import java.nio.file.Path;
import java.util.List;

/**
 * One object of a multi-view set: its folder (holding {@code transforms.json} and the views' PNGs) and its views in
 * file order. Views 0-24 are the training views of the Learned Init authors' renders, the rest are held out.
 *
 * @param id     the object's folder name, as listed in the split file
 * @param folder the object's folder
 * @param views  its views, all of one square size
 */
public record SceneObject(String id, Path folder, List<SceneView> views) {

    public SceneObject {
        views = List.copyOf(views);
        if (views.isEmpty()) {
            throw new SceneDataException(folder.resolve(TransformsFile.NAME), "has no views");
        }
    }

    /** The side length of the object's (square) views, in pixels. */
    public int size() {
        return views.get(0).camera().width();
    }

    /** The pose file of this object. */
    public Path transformsFile() {
        return folder.resolve(TransformsFile.NAME);
    }
}
