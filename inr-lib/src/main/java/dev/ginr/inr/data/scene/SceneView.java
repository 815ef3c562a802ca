package dev.ginr.inr.data.scene;

import dev.ginr.inr.render.Camera;

import java.nio.file.Path;

/**
 * One rendered view of an object: its PNG and the camera it was rendered from.
 *
 * @param image  the PNG (RGBA over a transparent background, or RGB)
 * @param camera the camera, its size that of the PNG
 */
public record SceneView(Path image, Camera camera) {}
