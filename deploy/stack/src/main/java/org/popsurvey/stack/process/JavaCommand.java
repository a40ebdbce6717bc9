package org.popsurvey.stack.process;

import java.nio.file.Path;
import java.util.List;

/**
 * A Java program to run in its own JVM: JVM options, class path, main class and arguments. The
 * JVM is the one running this code ({@code java.home}), so the stack needs no other Java.
 */
public record JavaCommand(List<String> jvmOptions, List<Path> classPath, String mainClass, List<String> args) {

    public JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        classPath = List.copyOf(classPath);
        args = List.copyOf(args);
    }

    /** The {@code java} launcher of the running JVM. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
