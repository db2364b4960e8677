package org.carerota.sync.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process TCP proxy on loopback between the library and PostgreSQL that drops connections:
 * each connection is cut (both sockets closed, no goodbye) after a random number of bytes sent
 * towards the database, so transactions die in the middle of a batch, before or after COMMIT
 * reached the server (a lost answer).
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Random random;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile int cutOneIn;
    private volatile boolean closed;

    /** @param cutOneIn on average one connection in this many is cut somewhere in its first 8 KB */
    TcpProxy(int targetPort, long seed, int cutOneIn) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.random = new Random(seed);
        this.cutOneIn = cutOneIn;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int cuts() {
        return cuts.get();
    }

    /** Stops cutting: the network is healthy again. */
    void heal() {
        cutOneIn = 0;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                long cutAfter;
                synchronized (random) {
                    int oneIn = cutOneIn;
                    cutAfter = oneIn > 0 && random.nextInt(oneIn) == 0 ? 200 + random.nextInt(8000) : Long.MAX_VALUE;
                }
                pump(client, upstream, cutAfter, "up");
                pump(upstream, client, Long.MAX_VALUE, "down");
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, long cutAfter, String direction) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[4096];
                    long sent = 0;
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (sent + n > cutAfter) {
                                int part = (int) Math.max(0, cutAfter - sent);
                                out.write(buffer, 0, part);
                                out.flush();
                                cuts.incrementAndGet();
                                break;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                            sent += n;
                        }
                    } catch (IOException e) {
                        // the other side went away
                    } finally {
                        quietly(from);
                        quietly(to);
                    }
                },
                "tcp-proxy-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        open.forEach(TcpProxy::quietly);
    }
}
