"""One router per resource; ``tawthiq.web.app.ROUTER_MODULES`` lists which are included."""
