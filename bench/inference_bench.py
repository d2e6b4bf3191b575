"""Embedding throughput of `CLIPPipeline.encode_images` for a ViT preset, in images/s.

    python bench/inference_bench.py                 # CPU preset, 512 random 128 px JPEG files, batch 256
    python bench/inference_bench.py --preset vit_b16 --n 256

Images are written to JPEG files first and read back by path, so decoding is part of what is measured, as it is for
a user embedding their own photos. Prints one JSON line with the machine, the settings and the images/s (best of 3).
"""
import argparse, json, os, platform, time
import numpy as np, torch
from PIL import Image
from clip_nb.data import word_tokenizer
from clip_nb.inference import CLIPPipeline
from clip_nb.model import CLIPModel, CLIPConfig
from clip_nb.text import tiny_distilbert
from clip_nb.train import pick_device, pick_precision
from clip_nb.vision import vit_config
from clip_nb.files import Scratch

SCRATCH = Scratch()  # the temporary folders this script writes, removed when it exits

def main():
    p = argparse.ArgumentParser(); p.add_argument('--preset', default='cpu'); p.add_argument('--n', type=int, default=512)
    p.add_argument('--device', default='auto'); p.add_argument('--precision', default='auto'); a = p.parse_args()
    d = SCRATCH(); rng = np.random.default_rng(0)
    files = []
    for i in range(a.n):
        f = d/f'{i}.jpg'; Image.fromarray(rng.integers(0, 255, (128, 128, 3), dtype=np.uint8)).save(f, quality=90); files.append(f)
    tok = word_tokenizer(['a']); dev = pick_device(a.device)
    model = CLIPModel(CLIPConfig(vision=vit_config(a.preset)), tiny_distilbert(tok.vocab_size)).to(dev).eval()
    pipe = CLIPPipeline(model, tok, dev, pick_precision(a.precision, dev))
    pipe.encode_images(files[:16])
    best = 0.0
    for _ in range(3):
        t = time.perf_counter(); pipe.encode_images(files); best = max(best, a.n / (time.perf_counter() - t))
    print(json.dumps(dict(machine=f'{platform.machine()} cores={os.cpu_count()} {torch.cuda.get_device_name() if dev.type == "cuda" else "cpu"}',
                          preset=a.preset, device=dev.type, precision=pipe.precision, images=a.n, images_per_second=round(best, 1))))

if __name__ == '__main__': main()
