package org.carerota.api.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;

/**
 * A slippy-map tile server for tests: {@code /tiles/{z}/{x}/{y}.png} answers a 256 × 256 PNG and
 * records which tiles were asked for; {@code /tiles/requested} lists them ({@code z/x/y} per line,
 * for the browser scenario). Any origin may load them (an {@code <img>} needs no CORS anyway).
 */
public final class TileServerStub implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final byte[] png = png();

    public TileServerStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/tiles/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath().substring("/tiles/".length());
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
                if (path.equals("requested")) {
                    byte[] body = String.join("\n", requested).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    return;
                }
                if (!path.matches("\\d{1,2}/\\d+/\\d+\\.png")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                requested.add(path.substring(0, path.length() - 4));
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, png.length);
                exchange.getResponseBody().write(png);
            }
        });
        server.start();
    }

    /** The URL template for {@code carerota.map.tile-url}. */
    public String template() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png";
    }

    /** The tiles asked for so far, {@code z/x/y}. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xE8F0E4));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(0xC9D6C3));
        g.drawRect(0, 0, 255, 255);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
