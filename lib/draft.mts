import draft from "./draft.js"
export * from "./draft.js"
export default draft
