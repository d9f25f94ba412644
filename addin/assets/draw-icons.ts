// Draws the add-in's icons (16, 32, 64 and 80 px PNGs, as the manifest
// asks) from shapes, so they can be redrawn at any size with no image tools:
//   npx tsx addin/assets/draw-icons.ts
// A rounded square in the Fluent brand blue with three rising white bars
// (designation levels, and progress). The PNGs are committed; the build
// copies them.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

type Rgba = readonly [number, number, number, number];
const BLUE: Rgba = [15, 108, 189, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** A shape in unit coordinates (0..1 across the icon): true when the point is inside. */
type Shape = (x: number, y: number) => boolean;

const roundedSquare =
  (radius: number): Shape =>
  (x, y) => {
    const dx = Math.max(radius - x, 0, x - (1 - radius));
    const dy = Math.max(radius - y, 0, y - (1 - radius));
    return dx * dx + dy * dy <= radius * radius;
  };

const rect =
  (left: number, top: number, right: number, bottom: number): Shape =>
  (x, y) =>
    x >= left && x <= right && y >= top && y <= bottom;

const BARS: Shape[] = [
  rect(0.2, 0.58, 0.34, 0.8),
  rect(0.43, 0.4, 0.57, 0.8),
  rect(0.66, 0.2, 0.8, 0.8),
];

/** RGBA pixels, each averaged over 4 x 4 samples so small sizes stay smooth. */
function draw(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const background = roundedSquare(0.18);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const colour = BARS.some((bar) => bar(x, y))
            ? WHITE
            : background(x, y)
              ? BLUE
              : ([0, 0, 0, 0] as const);
          // Premultiplied, so transparent samples do not darken the edge.
          for (let c = 0; c < 3; c++) sum[c]! += (colour[c]! * colour[3]) / 255;
          sum[3]! += colour[3];
        }
      }
      const n = samples * samples;
      const alpha = sum[3]! / n;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++)
        pixels[offset + c] = alpha === 0 ? 0 : Math.round((sum[c]! / n / alpha) * 255);
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT (each row behind filter byte 0), IEND. */
function png(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

const ICON_SIZES = [16, 32, 64, 80] as const;

for (const size of ICON_SIZES) {
  const file = new URL(`./icon-${size}.png`, import.meta.url);
  writeFileSync(file, png(size, draw(size)));
  console.log(`wrote ${file.pathname}`);
}
