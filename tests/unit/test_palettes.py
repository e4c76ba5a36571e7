"""The figures' colours stay apart for the common colour-vision deficiencies.

Simulated with the matrices of Machado, Oliveira & Fernandes (2009, severity 1.0) in linear RGB;
distance is CIE76 ΔE in CIELAB. Every pair of colours that tells data apart in one figure must
keep ΔE ≥ 15 for protanopia, deuteranopia and tritanopia (unsimulated, Okabe-Ito pairs are 26–120).
The figures carry a second cue as well (markers, hatching, labels) and an alt text.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from course.figures import plots, profile, trust_plots, village

MACHADO = {
    "protanopie": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopie": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopie": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
MIN_DELTA_E = 15
PALETTES = {
    "plots": [plots.BLUE, plots.ORANGE, plots.GREY],
    "profile": [colour for colour, _hatch in profile.STYLES],
    "trust_plots": [trust_plots.GREEN, trust_plots.GREY],
    "village": [colour for colour, _marker in village.STYLE.values()],
}


def linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        rgb_linear, 0, 1
    )
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, deficiency: str | None = None) -> float:
    la, lb = linear(a), linear(b)
    if deficiency:
        matrix = np.array(MACHADO[deficiency])
        la, lb = matrix @ la, matrix @ lb
    return float(np.linalg.norm(lab(la) - lab(lb)))


def test_the_simulation_catches_a_red_green_pair():
    # red and green look alike without green cones: the check would fail such a palette
    assert delta_e("#D62728", "#2CA02C") > 60
    assert delta_e("#D62728", "#2CA02C", "deuteranopie") < MIN_DELTA_E


@pytest.mark.parametrize("deficiency", MACHADO)
@pytest.mark.parametrize("figure", PALETTES)
def test_colours_stay_apart(figure, deficiency):
    palette = PALETTES[figure]
    assert len(set(palette)) == len(palette) >= 2
    close = [
        (a, b, round(delta_e(a, b, deficiency)))
        for a, b in itertools.combinations(palette, 2)
        if delta_e(a, b, deficiency) < MIN_DELTA_E
    ]
    assert close == [], f"{figure}: too close for {deficiency}"
