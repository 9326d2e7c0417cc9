"""Writes the torch.save and .npy fixtures of TensorDecoderTests with the real tools.

Run with a Python that has torch and numpy (made here with Debian bookworm's python3-torch
1.13.1 and python3-numpy 1.24.2): python3 make_fixtures.py. Values follow ramp(n) so the
tests can recompute them: (i - n/2) / 4, exact in float16, bfloat16, float32 and float64.
"""
import io

import numpy as np
import torch


def ramp(n, dtype):
    return (torch.arange(n, dtype=torch.float64) - n // 2) / 4


def save_torch(name, tensor):
    buffer = io.BytesIO()
    torch.save(tensor, buffer)
    with open(name, "wb") as f:
        f.write(buffer.getvalue())


def save_npy(name, array, version=None):
    with open(name, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)


save_torch("f32_2x3.pt", ramp(6, None).reshape(2, 3).to(torch.float32))
save_torch("f16_3x4.pt", ramp(12, None).reshape(3, 4).to(torch.float16))
save_torch("bf16_2x2x2.pt", ramp(8, None).reshape(2, 2, 2).to(torch.bfloat16))
save_torch("f64_4.pt", ramp(4, None).to(torch.float64))
# A transposed view: strides (1, 3) over a storage of 6.
save_torch("f32_transposed_3x2.pt", ramp(6, None).reshape(2, 3).to(torch.float32).t())
# A slice: storage offset 3 into a storage of 6 (torch.save keeps the whole storage).
save_torch("f32_offset_1x3.pt", ramp(6, None).reshape(2, 3).to(torch.float32)[1:])
# An expanded view: stride 0 on the first dimension.
save_torch("f32_expanded_2x3.pt", ramp(3, None).to(torch.float32).expand(2, 3))
save_torch("i64_grid_1x3.pt", torch.tensor([[1, 24, 36]], dtype=torch.int64))
save_torch("f32_nan_2.pt", torch.tensor([1.0, float("nan")], dtype=torch.float32))
save_torch("f32_rank5.pt", torch.zeros(1, 1, 1, 1, 2, dtype=torch.float32))
# A dict of tensors is not a single tensor: refused.
save_torch("dict_of_tensors.pt", {"a": torch.zeros(2)})
# A sparse tensor, the shape of CVE-2025-62164's input: refused.
save_torch("sparse_coo.pt", torch.sparse_coo_tensor([[0, 1]], [1.0, 2.0], (2,)))

save_npy("f32_2x3.npy", ramp(6, None).reshape(2, 3).numpy().astype("<f4"))
save_npy("f16_3x4.npy", ramp(12, None).reshape(3, 4).numpy().astype("<f2"))
save_npy("f64_4.npy", ramp(4, None).numpy().astype("<f8"))
save_npy("f32_fortran_2x3.npy", np.asfortranarray(ramp(6, None).reshape(2, 3).numpy().astype("<f4")))
save_npy("f32_v2_2x3.npy", ramp(6, None).reshape(2, 3).numpy().astype("<f4"), version=(2, 0))
save_npy("f32_v3_2x3.npy", ramp(6, None).reshape(2, 3).numpy().astype("<f4"), version=(3, 0))
save_npy("i64_grid_1x3.npy", np.array([[1, 24, 36]], dtype="<i8"))
save_npy("f32_bigendian_2.npy", np.array([1.0, 2.0], dtype=">f4"))
save_npy("f32_inf_2.npy", np.array([1.0, np.inf], dtype="<f4"))


def relayout_as_torch2(source, name, byteorder):
    """Torch 1.13's records plus those torch 2.x's _save adds (.format_version,
    .storage_alignment, byteorder, .data/serialization_id), in its order; torch 2 itself
    is not packaged for Debian bookworm, so this one is rebuilt with zipfile."""
    import zipfile

    with zipfile.ZipFile(source) as old:
        records = {info.filename: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(name, "w", zipfile.ZIP_STORED) as new:
        new.writestr("archive/data.pkl", records["archive/data.pkl"])
        new.writestr("archive/.format_version", b"1")
        new.writestr("archive/.storage_alignment", b"64")
        new.writestr("archive/byteorder", byteorder)
        new.writestr("archive/data/0", records["archive/data/0"])
        new.writestr("archive/version", b"3\n")
        new.writestr("archive/.data/serialization_id", b"1234567890123456789012345678901234567890")


relayout_as_torch2("f32_2x3.pt", "f32_torch2_2x3.pt", b"little")
relayout_as_torch2("f32_2x3.pt", "f32_bigendian_2x3.pt", b"big")
# The same tensor deflated instead of stored: the decoder accepts either.
import zipfile
with zipfile.ZipFile("f32_2x3.pt") as old, zipfile.ZipFile("f32_deflated_2x3.pt", "w", zipfile.ZIP_DEFLATED) as new:
    for info in old.infolist():
        new.writestr(info.filename, old.read(info))
