package io.switchboard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a real server (the local PostgreSQL) that a test can cut and restore: the
 * gateway sees exactly what it would see if the database went away (connections reset, new ones
 * refused) while the database itself, shared with other tests, keeps running.
 */
final class TcpRelay implements AutoCloseable {
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private final int port;

    TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        serve(first);
    }

    int port() {
        return port;
    }

    /** Resets every relayed connection and refuses new ones until {@link #restore()}. */
    synchronized void cut() throws IOException {
        ServerSocket l = listener;
        listener = null;
        if (l != null) {
            l.close();
        }
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // a reset, as when the server process dies
                s.close();
            } catch (IOException alreadyClosed) {
                // its pipe ended it first
            }
        }
        open.clear();
    }

    synchronized void restore() throws IOException {
        if (listener == null) {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            serve(again);
        }
    }

    private void serve(ServerSocket server) {
        listener = server;
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tcp-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // either side closed or the relay was cut
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
