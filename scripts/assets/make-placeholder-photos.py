"""Writes the placeholder shop photos in functions/_lib/seed/photos.

Each demo category gets a plain 640x400 PNG: a two-colour gradient with a
simple outline (a bowl, a roof, a cart, a book, a star, a sheep's round body).
They are drawn in code so the repository ships no third-party images.
Run: python3 scripts/assets/make-placeholder-photos.py
"""
import math
import os
import struct
import zlib

WIDTH, HEIGHT = 640, 400
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'functions', '_lib', 'seed', 'photos')

CATEGORIES = {
    'food': ((214, 92, 46), (247, 178, 103)),
    'lodging': ((52, 101, 164), (143, 188, 219)),
    'grocery': ((46, 139, 87), (152, 212, 160)),
    'study_tour': ((178, 34, 34), (240, 128, 128)),
    'entertainment': ((106, 61, 154), (197, 165, 224)),
    'specialty': ((160, 112, 40), (232, 200, 140)),
}


def inside_shape(category, x, y):
    cx, cy = WIDTH / 2, HEIGHT / 2
    dx, dy = x - cx, y - cy
    if category == 'food':  # a bowl: lower half of a circle
        return dy > 0 and 100 ** 2 > dx * dx + dy * dy > 88 ** 2 or (abs(dy) < 6 and abs(dx) < 110)
    if category == 'lodging':  # a roof over a wall
        roof = dy < 0 and abs(dx) < 120 + dy and dy > -90 and abs(dx) > 120 + dy - 12
        wall = 0 <= dy < 90 and (abs(abs(dx) - 80) < 6 or abs(dy - 84) < 6)
        return roof or wall
    if category == 'grocery':  # a cart basket and two wheels
        basket = -60 < dy < 30 and abs(dx) < 100 and (abs(dy + 60) < 6 or abs(dy - 30) < 6 or abs(abs(dx) - 100) < 6)
        wheels = any((x - (cx + s)) ** 2 + (y - (cy + 70)) ** 2 < 18 ** 2 for s in (-60, 60))
        return basket or wheels
    if category == 'study_tour':  # an open book
        return abs(dy) < 70 and abs(dx) < 130 and (abs(dy - abs(dx) * 0.2 + 70) < 6 or abs(dx) < 4 or abs(dy - abs(dx) * 0.2 - 40) < 6)
    if category == 'entertainment':  # a five-pointed star outline
        angle = math.atan2(dy, dx)
        radius = math.hypot(dx, dy)
        edge = 60 + 50 * (0.5 + 0.5 * math.cos(5 * (angle + math.pi / 2)))
        return abs(radius - edge) < 6
    if category == 'specialty':  # a round sheep body with a head
        body = abs(math.hypot(dx / 1.4, dy) - 70) < 6
        head = abs(math.hypot(dx - 115, dy + 20) - 28) < 6
        return body or head
    return False


def png(category, top, bottom):
    rows = []
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        base = tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3))
        row = bytearray([0])
        for x in range(WIDTH):
            row.extend((255, 255, 255) if inside_shape(category, x, y) else base)
        rows.append(bytes(row))
    raw = zlib.compress(b''.join(rows), 9)

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack('>IIBBBBB', WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', raw) + chunk(b'IEND', b'')


os.makedirs(OUT, exist_ok=True)
for name, (top, bottom) in CATEGORIES.items():
    with open(os.path.join(OUT, f'{name}.png'), 'wb') as file:
        file.write(png(name, top, bottom))
    print(f'wrote {name}.png')
