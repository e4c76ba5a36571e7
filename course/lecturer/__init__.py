"""The lecturer's tools: ``ouders-zien docent`` (docent), hand-ins from an LMS (handin, roster), grades and
exports (cijfers, lms_export, module), feedback and the grading views (feedback_page, grading_view,
lecturer_view), item analysis, and the nbgrader guards (exchange_guard, crosscheck, rebuild). The top
layer: it may import every other part of the package."""
