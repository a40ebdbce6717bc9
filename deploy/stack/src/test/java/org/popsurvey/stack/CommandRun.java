package org.popsurvey.stack;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.popsurvey.stack.cli.StackCommand;
import picocli.CommandLine;

/** Runs {@code popsurvey stack ...} in-process and keeps its exit code and output. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun stack(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = StackCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
