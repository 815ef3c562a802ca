package dev.ginr.notebook.kernel;

/** The version of this kernel, from the jar manifest when packaged, "dev" when run from classes. */
final class KernelVersion {

    private KernelVersion() {}

    static String get() {
        String v = KernelVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
