package org.popsurvey.stack.component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.popsurvey.stack.process.PortTakenException;
import org.popsurvey.stack.process.StackException;

/** Port checks on 127.0.0.1, the only address the stack uses. */
public final class Ports {

    /** Every component listens here and nowhere else. */
    public static final String HOST = "127.0.0.1";

    private static final int CONNECT_TIMEOUT_MS = 1000;

    private Ports() {}

    /** True if nothing listens on {@code port} of 127.0.0.1, i.e. a server could bind it now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True if something accepts TCP connections on {@code port} of 127.0.0.1. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code count} distinct ports that were free a moment ago (the operating system's choice).
     * Another program may still take one before it is used; the stack then fails with a clear
     * port error rather than hanging.
     */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new StackException("Could not find " + count + " free ports on " + HOST + ": " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing a listening socket that was never used cannot lose anything.
                }
            }
        }
    }

    /**
     * Fails, before anything is started, if two components were given the same port or a port
     * is already taken.
     *
     * @throws StackException naming the port, its use and the option that sets it; a
     *     {@link PortTakenException} if the port is in use
     */
    public static void requireDistinctAndFree(List<PortUse> uses) {
        Map<Integer, PortUse> seen = new HashMap<>();
        for (PortUse use : uses) {
            PortUse other = seen.putIfAbsent(use.port(), use);
            if (other != null) {
                throw new StackException(
                        "Port " + use.port() + " is given twice: to " + other.what() + " (" + other.option()
                                + ") and to " + use.what() + " (" + use.option() + "). Give each its own port.");
            }
        }
        for (PortUse use : uses) {
            if (!isFree(use.port())) {
                throw new PortTakenException("Port " + use.port() + " on " + HOST + " is already in use, so the "
                        + use.what() + " cannot listen there. Stop whatever uses it, or choose another port with "
                        + use.option() + ".");
            }
        }
    }
}
