package dev.ginr.notebook.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

/**
 * Weaves {@code CellStop.check()} into the bytecode JShell compiled from a cell: at the start of every method and
 * before every jump to a label already seen (a backward jump: the end of a loop body). The call takes no argument
 * and returns nothing, so the operand stack, its maximum and the stack map frames stay as they are.
 *
 * <p>Class files newer than the bytecode library knows are returned unchanged ({@link #weave} returns null): the
 * cell still runs, and an interrupt still reaches it, but a loop that ignores the interrupt cannot be stopped.
 */
final class StopCheckWeaver {

    private static final String OWNER = CellStop.class.getName().replace('.', '/');

    private StopCheckWeaver() {}

    /** The class with stop checks woven in, or null when its class file version is newer than supported. */
    static byte[] weave(byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (IllegalArgumentException e) {
            return null; // "Unsupported class file major version"
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean hasCode = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
                return hasCode && mv != null ? new Checks(mv) : mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the check at the method start and before backward jumps. */
    private static final class Checks extends MethodVisitor {

        private final Set<Label> seen = new HashSet<>();

        Checks(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
        }
    }
}
