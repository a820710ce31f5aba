/** Renderers of results: SVG badges (text, markdown and JSON renderers join them here). */
export {
  badgeFileName,
  escapeXml,
  maturityBadge,
  renderBadgeSvg,
  stageColor,
  STAGE_COLORS,
  type Badge,
} from "./badge.js";
export { sparkline, trendMermaid, trendSvg, type Trend } from "./trend.js";
export { renderTocReviewMarkdown } from "./review-markdown.js";
