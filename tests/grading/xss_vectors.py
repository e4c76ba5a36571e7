"""Script vectors a learner can type into a reflection (not a test module).

From the OWASP XSS Filter Evasion Cheat Sheet and PortSwigger's XSS cheat sheet, plus the Markdown
and MathJax forms nbconvert's renderer adds. Each vector calls ``__xss('vNN')`` when it runs, or
asks ``TRACKER`` for ``vNN`` (a tracking pixel, a style sheet, a redirect): the browser test counts
both. Each vector is a paragraph of its own, so that an HTML block starts on its first line.
"""

from __future__ import annotations

TRACKER = "tracker.invalid"  # a reserved name: never resolves, but the browser still asks for it
T = f"http://{TRACKER}"

# Unquoted attribute values holding a quote are no HTML to CommonMark (mistune then escapes the tag):
# v29 keeps that form; the others quote their handlers, so they are live HTML in Markdown.
VECTORS: dict[str, str] = {
    "v01": "<img src=x onerror=\"__xss('v01')\">",
    "v02": "<svg onload=\"__xss('v02')\">",
    "v03": "<script>__xss('v03')</script>",
    "v04": "<body onload=\"__xss('v04')\">",
    "v05": "<details open ontoggle=\"__xss('v05')\"><summary>v05</summary>x</details>",
    "v06": "<video><source onerror=\"__xss('v06')\"></video>",
    "v07": "<audio src=x onerror=\"__xss('v07')\">",
    "v08": "<input autofocus onfocus=\"__xss('v08')\">",
    "v09": "<a href=\"javascript:__xss('v09')\">klik v09</a>",
    "v10": "<a href=\"JaVaScRiPt:__xss('v10')\">klik v10</a>",
    "v11": "<a href=\"&#106;avascript:__xss('v11')\">klik v11</a>",
    "v12": "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;__xss('v12')\">klik v12</a>",
    "v13": "<iframe src=\"data:text/html,<script>__xss('v13')</script>\"></iframe>",
    "v14": "<a href=\"vbscript:msgbox('v14')\">klik v14</a>",
    "v15": "<svg><animate onbegin=\"__xss('v15')\" attributeName=x dur=1s>",
    "v16": "<svg><set onbegin=\"__xss('v16')\" attributeName=x to=1>",
    "v17": "<math><maction actiontype=statusline xlink:href=\"javascript:__xss('v17')\">klik v17</maction></math>",
    "v18": "<iframe srcdoc=\"<script>__xss('v18')</script>\"></iframe>",
    "v19": "<object data=\"data:text/html,<script>__xss('v19')</script>\"></object>",
    "v20": "<embed src=\"data:text/html,<script>__xss('v20')</script>\">",
    "v21": f"<meta http-equiv=\"refresh\" content=\"0;url={T}/v21\">",
    "v22": f"<base href=\"{T}/v22/\">",
    "v23": "<form action=\"javascript:__xss('v23')\"><button>verstuur v23</button></form>",
    "v24": "[klik v24](javascript:__xss('v24'))",
    "v25": f"![v25]({T}/v25.png)",
    "v26": f"[klik v26][r26] en ![v26][i26]\n\n[r26]: javascript:__xss('v26')\n[i26]: {T}/v26.png",
    "v27": f"<{T}/v27>",
    "v28": "[klik v28](&#106;avascript:__xss('v28'))",
    "v29": "<img src=x onerror=\"__xss('v29')\"",
    "v30": "<img src=\"x\" alt=\"a'b\" onerror='__xss(\"v30\")'>",
    "v31": "$\\href{javascript:__xss('v31')}{klik v31}$",
    "v32": "$$\\unicode{<img src=x onerror=__xss('v32')>}$$",
    "v33": f"<img src=\"{T}/v33.png\">",
    "v34": "<svg><a xlink:href=\"javascript:__xss('v34')\"><text x=\"20\" y=\"20\">klik v34</text></a></svg>",
    "v35": "<a href=\"java&#x09;script:__xss('v35')\">klik v35</a>",
    "v36": f"<div style=\"background:url({T}/v36.png);height:5px\">v36</div>",
    "v37": f"<link rel=stylesheet href={T}/v37.css>",
    "v38": f"<style>@import '{T}/v38.css';</style>",
    "v39": "<marquee onstart=\"__xss('v39')\">v39</marquee>",
    "v40": "<IMG SRC=x OnErRoR=\"__xss('v40')\">",
    "v41": "<img src=x onerror=\"__xss&#40;'v41'&#41;\">",
    "v42": "<img src=x onerror=\"eval(atob('X194c3MoJ3Y0Micp'))\">",
    "v43": "\\(\\href{javascript:__xss('v43')}{klik v43}\\)",
    "v44": "<<script>__xss('v44');//<</script>",
    "v45": f"<a href=\"{T}/v45\" onmouseover=\"__xss('v45')\">klik v45</a>",
    "v46": "<iframe src=\"javascript:__xss('v46')\"></iframe>",
    "v47": "<x onclick=\"__xss('v47')\">klik v47</x>",
    "v48": "<select autofocus onfocus=\"__xss('v48')\"><option>v48</option></select>",
    "v49": "<div onpointerenter=\"__xss('v49')\">v49 wijs aan</div>",
    "v50": "<a href=\"data:text/html;base64,PHNjcmlwdD5fX3hzcygndjUwJyk8L3NjcmlwdD4=\">klik v50</a>",
    "v51": "<img src=x onerror=\"alert('v51')\">",  # a dialog (counted by the hook, or as a dialog)
}

SENTENCE = "Bij het ophalen vroeg ik de moeder eerst hoe het met haar ging, en pas daarna naar Daan."

# What the lecturer must read, literally, on the page: the learner's own words.
LITERALS = [SENTENCE, VECTORS["v01"], VECTORS["v03"], "<img src=x onerror=",
            "[klik v24](javascript:__xss('v24'))", f"![v25]({T}/v25.png)",
            "$\\href{javascript:__xss('v31')}{klik v31}$",
            "<a href=\"&#106;avascript:__xss('v11')\">klik v11</a>"]


def reflection() -> str:
    """The reflection text: the learner's sentence, then every vector as a paragraph of its own."""
    return "\n\n".join([SENTENCE, *VECTORS.values(), "Groet, een student."])


# A learner's name that is a vector: Brightspace makes the name the student id.
NAME_VECTORS = {"n01": "<img src=x onerror=__xss('n01')>", "n02": "<svg onload=__xss('n02')>"}
