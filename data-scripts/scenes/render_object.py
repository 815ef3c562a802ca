# Blender scene script for the offline multi-view set (run by dev.ginr.inr.data.prepare.OfflineSceneSet through
# `blender -b --factory-startup --python render_object.py -- JOB.json`). Renders Sweet Home 3D furniture models
# (Wavefront OBJs with their materials), each from the cameras the job names, and writes one RESULT.json per model
# (or {"error": ...} when a model cannot be imported or rendered).
#
# All choices (which model, which viewpoints, image size, samples) are made in Java; this script only
#  1. imports the OBJ without axis conversion and applies the catalog's modelRotation and real-world size
#     (Sweet Home 3D: y up, width along x, height along y, depth along z), then turns y-up into Blender's z-up;
#  2. normalises the model to the unit sphere: bounding-box centre at the origin, farthest vertex at distance 1;
#  3. renders each view with Cycles on the CPU into an RGBA PNG (transparent background, composited over white by
#     the loader; a 1-pixel box filter, so each pixel averages its own area), the camera placed by the job's
#     camera-to-world matrix (the camera looks along its -z axis, y up);
#  4. reports the bounding box after normalisation and where Blender's own camera model puts its corners and centre
#     in every view (bpy_extras.object_utils.world_to_camera_view), so that Java can check its ray/camera code.
import json
import math
import sys

import bpy
from bpy_extras.object_utils import world_to_camera_view
from mathutils import Matrix, Vector


def read_job():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 1:
        raise SystemExit("usage: blender -b --factory-startup --python render_object.py -- JOB.json")
    with open(argv[0], "r", encoding="utf-8") as f:
        return argv[0], json.load(f)


def clear_scene():
    bpy.ops.wm.read_factory_settings(use_empty=True)


def import_model(path):
    before = set(bpy.data.objects)
    bpy.ops.wm.obj_import(filepath=path, forward_axis="Y", up_axis="Z")  # raw OBJ coordinates, no conversion
    meshes = [o for o in bpy.data.objects if o not in before and o.type == "MESH"]
    if not meshes:
        raise ValueError("no mesh in " + path)
    for o in meshes:  # bake each part's own transform so that all vertices are in model coordinates
        o.data.transform(o.matrix_world)
        o.matrix_world = Matrix.Identity(4)
    return meshes


def world_vertices(meshes):
    for o in meshes:
        for v in o.data.vertices:
            yield v.co.copy()


def bounds(meshes):
    lo = Vector((math.inf,) * 3)
    hi = Vector((-math.inf,) * 3)
    for co in world_vertices(meshes):
        lo = Vector(min(a, b) for a, b in zip(lo, co))
        hi = Vector(max(a, b) for a, b in zip(hi, co))
    return lo, hi


def apply(meshes, m):
    for o in meshes:
        o.data.transform(m)


def place_model(meshes, rotation, size):
    if rotation:  # Sweet Home 3D's modelRotation, rows of a 3x3 matrix acting on model coordinates
        r = Matrix((rotation[0:3], rotation[3:6], rotation[6:9])).to_4x4()
        apply(meshes, r)
    lo, hi = bounds(meshes)
    ext = hi - lo
    scale = Matrix.Diagonal(Vector([size[i] / ext[i] if ext[i] > 1e-9 else 1.0 for i in range(3)] + [1.0]))
    apply(meshes, scale @ Matrix.Translation(-(lo + hi) / 2))
    y_up_to_z_up = Matrix(((1, 0, 0, 0), (0, 0, -1, 0), (0, 1, 0, 0), (0, 0, 0, 1)))  # (x, y, z) -> (x, -z, y)
    apply(meshes, y_up_to_z_up)
    lo, hi = bounds(meshes)
    apply(meshes, Matrix.Translation(-(lo + hi) / 2))
    radius = max(co.length for co in world_vertices(meshes))
    apply(meshes, Matrix.Scale(1.0 / radius, 4))
    return bounds(meshes)


def setup_render(job):
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = job["samples"]
    scene.cycles.use_denoising = False
    scene.cycles.max_bounces = 4
    scene.cycles.pixel_filter_type = "BOX"  # a pixel is the mean over its own area: no coverage beyond its edges
    scene.cycles.filter_width = 1.0
    scene.render.threads_mode = "FIXED"
    scene.render.threads = job["threads"]
    scene.render.use_persistent_data = True
    scene.render.resolution_x = job["image_size"]
    scene.render.resolution_y = job["image_size"]
    scene.render.resolution_percentage = 100
    scene.render.film_transparent = True
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGBA"
    scene.render.image_settings.color_depth = "8"
    scene.view_settings.view_transform = "Standard"
    world = bpy.data.worlds.new("world")
    world.use_nodes = True
    world.node_tree.nodes["Background"].inputs[0].default_value = (1, 1, 1, 1)
    world.node_tree.nodes["Background"].inputs[1].default_value = job["ambient"]
    scene.world = world
    sun = bpy.data.objects.new("sun", bpy.data.lights.new("sun", type="SUN"))
    sun.data.energy = job["sun"]
    sun.rotation_euler = (math.radians(40), 0, math.radians(30))
    scene.collection.objects.link(sun)
    cam = bpy.data.objects.new("camera", bpy.data.cameras.new("camera"))
    cam.data.sensor_fit = "HORIZONTAL"
    cam.data.angle = job["camera_angle_x"]
    cam.data.clip_start = 0.1
    cam.data.clip_end = 100
    scene.collection.objects.link(cam)
    scene.camera = cam
    return scene, cam


def pixel_of(scene, cam, point, size):
    p = world_to_camera_view(scene, cam, Vector(point))  # x, y in [0, 1] from the bottom-left corner
    return [p.x * size, (1.0 - p.y) * size]  # (column, row) in pixels from the top-left corner


def render_object(job, obj):
    clear_scene()
    meshes = import_model(obj["obj"])
    lo, hi = place_model(meshes, obj.get("rotation"), obj["size"])
    scene, cam = setup_render(job)
    scene.cycles.seed = obj["seed"]
    corners = [[x, y, z] for x in (lo.x, hi.x) for y in (lo.y, hi.y) for z in (lo.z, hi.z)]
    check_points = [list((lo + hi) / 2)] + corners
    projections = []
    for view in obj["views"]:
        cam.matrix_world = Matrix(view["transform_matrix"])
        bpy.context.view_layer.update()
        scene.render.filepath = view["png"]
        bpy.ops.render.render(write_still=True)
        projections.append([pixel_of(scene, cam, p, job["image_size"]) for p in check_points])
    return {"bbox_min": list(lo), "bbox_max": list(hi), "check_points": check_points,
            "projections": projections, "blender": bpy.app.version_string}


def main():
    _, job = read_job()
    for obj in job["objects"]:
        try:
            result = render_object(job, obj)
        except Exception as e:  # reported to Java, which skips the object and says why
            result = {"error": type(e).__name__ + ": " + str(e)}
        with open(obj["result"], "w", encoding="utf-8") as f:
            json.dump(result, f)


main()
